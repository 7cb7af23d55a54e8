"""The running bot: the PTB Application and everything between it and the Bot API (the
transport, update processing, persistence, the handler context). Services never import
`telegram`; these modules, bot/delivery/ (the sender) and bot/cli/ are where it is used."""

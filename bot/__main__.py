"""`python3 -m bot` runs the unionbot command line."""

from bot.cli import main

raise SystemExit(main())

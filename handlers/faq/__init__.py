"""The FAQ in chat: members' answers, leaders' /faqadmin, and teaching it which entry
answers a question."""

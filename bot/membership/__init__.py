"""Who is a member: the roster, verification (contact, invite links, member-ID form),
phone numbers, onboarding files."""

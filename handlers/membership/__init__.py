"""Who is who, in chat: verification, a member's own account, and roles."""

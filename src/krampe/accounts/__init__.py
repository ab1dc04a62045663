"""Accounts: users, Argon2 passwords, sessions, CSRF and log-in rate limiting."""

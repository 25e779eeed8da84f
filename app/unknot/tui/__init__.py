"""The Textual front end: picker, session, summary and history screens."""

"""Past sessions in SQLite: the store, its schema, what is recorded while a session runs,
resuming an interrupted one, and the figures the history views show."""

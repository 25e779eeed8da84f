"""The domain: routines, their plan and the engine that runs a session on an injected clock.

Pure: nothing here imports Textual, SQLite or audio, or writes a file.
"""

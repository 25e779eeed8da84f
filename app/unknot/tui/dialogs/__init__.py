"""Small modal screens: the key help (`help`), yes-or-no questions about the running session
(`confirm`) and the resume offer (`resume`), on what they share (`base`)."""

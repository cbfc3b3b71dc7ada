// Keeps every stage library non-empty while it is being built up.

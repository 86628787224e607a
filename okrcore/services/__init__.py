"""Use cases: the only way pages change data. One module per area of the workshop."""

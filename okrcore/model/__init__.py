"""What a workshop is made of: its records, ids, limits, errors, numbers and calendar."""

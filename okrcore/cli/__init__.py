"""``python -m okrcore``: the command-line tools."""

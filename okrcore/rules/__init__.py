"""The rules of tracking a quarter: progress, confidence, staleness, scores, the retrospective,
dependencies and why themes. Pure functions over records; nothing here stores anything."""

"""How much one workshop holds: the counts the services refuse to go past.

An import is held to the same limits (:mod:`okrcore.rules.integrity`), so a file can never
bring in what no person could have typed.
"""

MAX_TEAMS = 60
MAX_NOTES = 2000
MAX_OBJECTIVES_PER_TEAM = 20
MAX_KEY_RESULTS_PER_OBJECTIVE = 10
MAX_DEPENDENCIES = 1000
MAX_LESSONS = 50
MAX_WINS = 50

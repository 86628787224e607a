"""The benchmark: timing targets for a workshop at the reference size, run by hand.

``python -m bench [--quick] [--json out.json]`` builds the reference workshop, measures page
reruns, saves, critique, export and import, server start and the server's peak memory, and
prints each figure beside its target. It lives outside ``tests/`` on purpose: timings on a
shared CI machine are noise, so no test asserts them and pytest never collects this package.
"""

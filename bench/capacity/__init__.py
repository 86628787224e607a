"""The capacity driver: many people on one server, without browsers.

``python -m bench.capacity`` (see ``__main__``) opens sessions that speak Streamlit's own
websocket protocol (:mod:`.protocol`), seeded workshops (:mod:`.seed`), people who act on a
workshop's rhythm as Locust users (:mod:`.people`, :mod:`.roles`), and reports per action
the server's time to finish the run, how long each change takes to reach the other open
sessions (:mod:`.ledger`), and the server's CPU and memory (:mod:`.resources`).

Browsers are left out on purpose: on a small machine twenty Chromiums cost more CPU than
the server they test, so their timings cannot say what the server itself costs.
"""

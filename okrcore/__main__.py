"""``python -m okrcore``: see :mod:`okrcore.cli.main`."""

from okrcore.cli.main import main

raise SystemExit(main())

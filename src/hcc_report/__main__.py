"""
``python -m hcc_report``: the same as the ``hcc-report`` command.
"""

from hcc_report.cli import main


raise SystemExit(main())

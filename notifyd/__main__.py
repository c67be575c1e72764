"""`python -m notifyd`: the same as the notifyd command."""

from notifyd.cli import main

main()

"""``python -m radcheck`` runs the command line."""

from radcheck.cli import main

main()

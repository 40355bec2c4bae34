"""The bundle's entry point: the same as the installed ``companion`` command."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())

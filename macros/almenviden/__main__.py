import sys

from almenviden.cli import main

sys.exit(main())

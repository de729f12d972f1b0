from almenviden.cli import run

run()

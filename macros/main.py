from almenviden.hosts.mkdocs.macros import define_env  # noqa: F401  (mkdocs-macros module_name: macros/main)

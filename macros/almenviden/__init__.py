"""almenviden: a static-site generator for knowledge sharing in Danish social housing."""

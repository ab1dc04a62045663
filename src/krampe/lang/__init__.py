"""Language layers. One package per language; krampe speaks Danish (`krampe.lang.da`)."""

#!/usr/bin/env python
from kennisbank.__main__ import main

if __name__ == "__main__":
    main()

from unknot.cli import main

raise SystemExit(main())

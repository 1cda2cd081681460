from uawar.cli import main

raise SystemExit(main())

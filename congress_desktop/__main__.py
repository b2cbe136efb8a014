from congress_desktop.cli import main

raise SystemExit(main())

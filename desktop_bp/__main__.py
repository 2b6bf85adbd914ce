from desktop_bp.cli import main

raise SystemExit(main())

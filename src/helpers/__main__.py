from helpers.publish.cli import main

raise SystemExit(main())

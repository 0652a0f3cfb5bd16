from dlings.cli import main

main()

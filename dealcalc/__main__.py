from dealcalc.cli import main

main()

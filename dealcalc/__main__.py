from dealcalc.launch import main

main()

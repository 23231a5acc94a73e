// Entry point of the seratio-node executable. Wiring pending (issue 2, Node host work).
return 0;

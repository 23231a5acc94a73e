// Entry point of the seratio CLI. Commands pending (issue 2, CLI work).
return 0;

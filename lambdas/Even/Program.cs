return 0; // placeholder until the handler lands

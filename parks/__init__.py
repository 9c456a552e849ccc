"""Parks: development parks, their joint Party committees, and the Party workers they dispatch."""

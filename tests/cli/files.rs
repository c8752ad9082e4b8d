//! Files written by the command line: modes, symlinks, signals and streamed animations.

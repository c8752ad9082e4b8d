//! The command line in a shell: pipes, full disks, escaped names, links wherever presets go.

//! Wires Concord's stages together; shared by the CLI and the server.

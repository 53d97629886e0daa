/// Placeholder until the engine lands; the engine has no I/O.
enum LanternEngineModule {}

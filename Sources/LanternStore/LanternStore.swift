enum LanternStoreModule {}

enum LanternUIModule {}

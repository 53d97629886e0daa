print("lantern: not built yet")

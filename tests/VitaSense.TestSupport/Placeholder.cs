namespace VitaSense.TestSupport;

Console.WriteLine(typeof(Projects.VitaSense_Ingestion).Name + " " + new Projects.VitaSense_Ingestion().AssemblyPath);

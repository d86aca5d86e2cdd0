using SeedSearch.Importer;

return await ImporterCommand.RunAsync(args);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/", () => "Hello, World!");
app.Run();

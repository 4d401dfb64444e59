using Collaborative.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCollaborativeHost();

var app = builder.Build();
app.MapCollaborativeHost();
app.Run();

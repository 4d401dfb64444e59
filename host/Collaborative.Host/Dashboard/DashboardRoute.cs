namespace Collaborative.Host.Dashboard;

/// <summary>Endpoint metadata: this endpoint is the dashboard's, so the gate decides who may reach it (<see cref="DashboardEndpoints"/>).</summary>
internal sealed class DashboardRoute;

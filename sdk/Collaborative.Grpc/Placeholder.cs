namespace Collaborative.Grpc; internal static class Placeholder {}
